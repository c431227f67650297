from odoo.exceptions import UserError


def check_not_written(records, vals_list, fnames):
    """Refuse values for ``fnames`` of ``records``' model: fields the forms
    show read-only because the addon sets them (from deliveries, the warranty,
    the quotation), and that RPC or an import must not set either. The
    superuser (data fixes, demo) may."""
    if records.env.su:
        return
    written = sorted({fname for vals in vals_list for fname in vals} & set(fnames))
    if written:
        env = records.env
        raise UserError(
            env._(
                "%(model)s %(records)s: %(fields)s cannot be set by hand; the "
                "application sets them.",
                model=env["ir.model"]._get(records._name).name,
                records=", ".join(records.mapped("display_name")) or env._("new"),
                fields=", ".join(
                    records._fields[fname]._description_string(env) for fname in written
                ),
            )
        )
