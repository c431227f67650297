from odoo.tools import translate

from . import controllers
from . import models
from . import wizards

# the OCA addons whose Polish this addon ships in i18n_extra/pl.po
EXTRA_TRANSLATED_ADDONS = ("helpdesk_mgmt",)


def post_init_hook(env):
    """Serials delivered before the addon was installed get their warranty too."""
    env["stock.lot"]._update_delivery_all()


def post_load():
    """Odoo applies the field, view and data terms of i18n_extra/pl.po to
    helpdesk_mgmt's records, but reads a module's code terms (its ``_()`` in
    Python and JS: the portal's sort and search options, the dashboard's "Open
    Tickets", "No Subject", its errors) only from that module's own folder.
    Hand it those of our file too; server-wide, hence post_load."""
    get_code_translations = translate.CodeTranslations._get_code_translations
    if getattr(get_code_translations, "crm_service_warranty", False):
        return

    def _get_code_translations(module_name, lang, filter_func):
        translations = get_code_translations(module_name, lang, filter_func)
        if module_name in EXTRA_TRANSLATED_ADDONS:
            ours = get_code_translations(
                "crm_service_warranty",
                lang,
                lambda row: row.get("module") == module_name and filter_func(row),
            )
            # the addon's own translations win where it has them
            translations = {**ours, **translations}
        return translations

    _get_code_translations.crm_service_warranty = True
    translate.CodeTranslations._get_code_translations = staticmethod(
        _get_code_translations
    )
    # terms a database without this addon may have cached already
    for cache in (
        translate.code_translations.python_translations,
        translate.code_translations.web_translations,
    ):
        for key in [key for key in cache if key[0] in EXTRA_TRANSLATED_ADDONS]:
            del cache[key]
