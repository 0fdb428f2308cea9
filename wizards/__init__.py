from . import portal_wizard
