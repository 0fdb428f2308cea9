# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Prospect Management",
    "summary": "Record, work and convert prospects before they become live "
    "customers; only live customers get jobs, invoices, assets and contracts",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/prospect-management/prospect_management",
    "author": "Prospect Management contributors",
    "maintainers": ["prospect-management"],
    "development_status": "Beta",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "pre_init_hook": "pre_init_hook",
    "depends": [
        "sale_management",
        "account",
        "portal",
        "utm",
        "base_geolocalize",
        "fieldservice",
        "fieldservice_sale",
        "fieldservice_recurring",
        "fieldservice_sale_recurring",
        "contract",
        "report_xlsx",
    ],
    "data": [
        "security/prospect_management_security.xml",
        "security/ir.model.access.csv",
        "security/prospect_management_rules.xml",
        "data/prospect_stage_data.xml",
        "data/ir_exports_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "wizards/prospect_report_wizard.xml",
        "wizards/prospect_convert_wizard.xml",
        "wizards/prospect_account_request_wizard.xml",
        "views/prospect_stage_views.xml",
        "views/res_partner_views.xml",
        "views/fsm_location_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/prospect_menus.xml",
        "report/prospect_list_reports.xml",
        "report/prospect_list_templates.xml",
        "report/prospect_analysis_views.xml",
        "report/prospect_conversion_report_views.xml",
        "report/prospect_report_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "prospect_management/static/src/js/report_xlsx_close.js",
            "prospect_management/static/src/xml/import_templates.xml",
            "prospect_management/static/src/js/prospect_status_field.js",
            "prospect_management/static/src/js/prospect_redirect_dialog.js",
            "prospect_management/static/src/xml/prospect_status_field.xml",
        ],
        "web.assets_tests": [
            "prospect_management/static/tests/tours/*.js",
        ],
    },
    # report_xlsx writes the XLSX reports with xlsxwriter (a requirement of
    # Odoo itself); openpyxl only reads them back in the tests
    # (test-requirements.txt)
    "external_dependencies": {"python": ["xlsxwriter"]},
    "demo": [
        "demo/prospect_demo.xml",
    ],
}
