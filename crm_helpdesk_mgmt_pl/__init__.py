from odoo.tools import translate

# the OCA addon whose Polish this addon ships in i18n_extra/pl.po
TRANSLATED_ADDON = "helpdesk_mgmt"


def post_load():
    """Odoo applies the field, view and data terms of i18n_extra/pl.po to
    helpdesk_mgmt's records, but reads a module's code terms (its ``_()`` in
    Python and JS: the portal's sort and search options, the dashboard's "Open
    Tickets", "No Subject", its errors) only from that module's own folder.
    Hand helpdesk_mgmt's lookups ours as well, and only helpdesk_mgmt's: code
    translations are read per process, before any database, hence post_load."""
    get_code_translations = translate.CodeTranslations._get_code_translations
    if getattr(get_code_translations, "crm_helpdesk_mgmt_pl", False):
        return

    def _get_code_translations(module_name, lang, filter_func):
        translations = get_code_translations(module_name, lang, filter_func)
        if module_name != TRANSLATED_ADDON:
            return translations
        ours = get_code_translations(
            "crm_helpdesk_mgmt_pl",
            lang,
            lambda row: row.get("module") == TRANSLATED_ADDON and filter_func(row),
        )
        # the addon's own translations win where it has them
        return {**ours, **translations}

    _get_code_translations.crm_helpdesk_mgmt_pl = True
    translate.CodeTranslations._get_code_translations = staticmethod(
        _get_code_translations
    )
    # terms a process may have read before this addon was loaded
    for cache in (
        translate.code_translations.python_translations,
        translate.code_translations.web_translations,
    ):
        for key in [key for key in cache if key[0] == TRANSLATED_ADDON]:
            del cache[key]
