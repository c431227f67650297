from datetime import date, timedelta
from unittest.mock import patch

from stdnum.pl import nip as stdnum_nip

from .common import Registers, RegistersCase, replay_registers

NIGHT = date(2026, 12, 2)


def valid_nips(count, start=100000000):
    nips, prefix = [], start
    while len(nips) < count:
        for digit in range(10):
            if stdnum_nip.is_valid(f"{prefix}{digit}"):
                nips.append(f"{prefix}{digit}")
                break
        prefix += 1
    return nips


class TestNightly(RegistersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # only ours are re-checked in these tests
        Partner.search(Partner._crm_register_recheck_domain(NIGHT)).write(
            {"customer_rank": 0, "supplier_rank": 0}
        )
        cls.partners = Partner.create(
            [
                {
                    "name": f"Customer {nip}",
                    "is_company": True,
                    "vat": f"PL{nip}",
                    "country_id": cls.poland.id,
                    "customer_rank": 1,
                }
                for nip in valid_nips(65)
            ]
        )

    def _run(self, day=NIGHT, registers=None, progress=None):
        # a test cannot commit: the progress is recorded instead
        def commit_progress(cron, processed=0, remaining=None, deactivate=False):
            return progress(processed, remaining) if progress else 1.0

        with (
            replay_registers(self.env, registers or Registers()) as replayed,
            patch.object(
                self.env.registry["ir.cron"], "_commit_progress", commit_progress
            ),
        ):
            # as the cron worker runs it (with its progress record)
            stats = (
                self.env["res.partner"]
                .with_context(ir_cron_progress_id=1)
                ._cron_crm_register_recheck(day)
            )
        return replayed, stats

    def _asked(self, registers):
        return [
            nip
            for register, what in registers.calls
            if register == "whitelist"
            for nip in what.split(",")
        ]

    def test_batches_of_30_and_20(self):
        registers, stats = self._run()
        self.assertEqual(registers.count("whitelist"), 3, "30 + 30 + 5 NIPs")
        self.assertEqual(
            registers.count("gus", "DaneSzukajPodmioty"), 2 + 2 + 1, "20 NIPs a search"
        )
        self.assertEqual(
            registers.count("gus", "Zaloguj"), 1, "one GUS session a night"
        )
        self.assertEqual(registers.count("gus", "Wyloguj"), 1)
        self.assertEqual(
            sorted(self._asked(registers)), sorted(p.vat[2:] for p in self.partners)
        )
        self.assertEqual(set(self.partners.mapped("crm_register_night")), {NIGHT})
        self.assertEqual(set(self.partners.mapped("crm_vat_status")), {"active"})
        self.assertTrue(all(self.partners.mapped("crm_whitelist_request_id")))
        self.assertEqual(stats["partners"], 65)

    def test_never_twice_a_night(self):
        self._run()
        registers, stats = self._run()
        self.assertEqual(registers.calls, [], "the same night: nothing asked again")
        self.assertEqual(stats["partners"], 0)

    def test_rows_only_for_changes(self):
        self._run()
        Check = self.env["crm.register.check"]
        first = Check.search_count([("partner_id", "in", self.partners.ids)])
        self.assertEqual(first, 65, "the first night: every status is new")
        registers, stats = self._run(NIGHT + timedelta(days=1))
        self.assertEqual(registers.count("whitelist"), 3, "asked again the next night")
        self.assertEqual(stats["changed"], 0)
        self.assertEqual(
            Check.search_count([("partner_id", "in", self.partners.ids)]),
            first,
            "nothing changed: no new row",
        )
        self.assertEqual(
            set(self.partners.mapped("crm_whitelist_date")), {NIGHT + timedelta(days=1)}
        )

    def test_budget(self):
        self.company.crm_register_nightly_budget = 2
        registers, stats = self._run()
        self.assertEqual(registers.count("whitelist"), 2)
        self.assertEqual(registers.count("gus"), 0, "no budget left for GUS")
        self.assertEqual(stats["partners"], 60)
        self.assertEqual(self.company.crm_register_calls_count, 2)
        registers, stats = self._run()
        self.assertEqual(registers.calls, [], "the day's budget is spent")
        registers, stats = self._run(NIGHT + timedelta(days=1))
        self.assertEqual(registers.count("whitelist"), 2)
        self.assertIn(
            self.partners[-1].vat[2:], self._asked(registers), "the rest comes first"
        )

    def test_resume_after_interruption(self):
        progress = []

        def time_is_up(processed, remaining):
            progress.append((processed, remaining))
            return 0  # the cron's time is up

        first, _stats = self._run(progress=time_is_up)
        self.assertEqual(progress, [(30, 35)])
        second, _stats = self._run()
        asked_first, asked_second = self._asked(first), self._asked(second)
        self.assertEqual(len(asked_first), 30)
        self.assertEqual(len(asked_second), 35)
        self.assertFalse(set(asked_first) & set(asked_second), "nobody asked twice")

    def test_outage_stops_and_resumes(self):
        registers = Registers()
        registers.timeout = {"whitelist"}
        _registers, stats = self._run(registers=registers)
        self.assertEqual(stats["partners"], 0)
        self.assertFalse(any(self.partners.mapped("crm_register_night")))
        _registers, stats = self._run()
        self.assertEqual(stats["partners"], 65)

    def test_change_that_matters(self):
        struck = self.env["res.partner"].create(
            {
                "name": "Hurtownia Testowa",
                "is_company": True,
                "vat": "PL9512381607",
                "supplier_rank": 1,
                "user_id": self.manager.id,
                "crm_register_status": "active",
                "crm_vat_status": "active",
                "crm_whitelist_accounts": "10105000997603123456789123",
            }
        )
        self._run()
        self.assertEqual(struck.crm_register_status, "struck_off")
        self.assertEqual(struck.crm_register_status_date, date(2026, 11, 30))
        self.assertEqual(struck.crm_vat_status, "removed")
        self.assertFalse(struck.crm_whitelist_accounts)
        check = struck.crm_register_check_ids
        self.assertEqual(len(check), 1)
        self.assertTrue(check.significant)
        self.assertEqual(check.trigger, "nightly")
        self.assertIn("Struck off", check.changes)
        self.assertIn("Removed from the white list", check.changes)
        activity = struck.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("crm_contacts_registers.mail_activity_type_register_change"),
        )
        history = self.env["crm.history"].search(
            [("partner_id", "=", struck.id), ("kind", "=", "register")]
        )
        self.assertEqual(len(history), 1)
        self.assertIn("Register status", history.name)


class TestNightlyChangeReports(RegistersCase):
    """A key with the right to GUS's daily change reports: the night asks GUS
    only of the partners the reports list since their last check."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Partner.search(Partner._crm_register_recheck_domain(NIGHT)).write(
            {"customer_rank": 0, "supplier_rank": 0}
        )
        cls.company.crm_gus_change_reports = True

        def partner(nip, regon=False):
            return Partner.create(
                {
                    "name": f"Customer {nip}",
                    "is_company": True,
                    "vat": f"PL{nip}",
                    "regon": regon,
                    "country_id": cls.poland.id,
                    "customer_rank": 1,
                    "crm_register_night": NIGHT - timedelta(days=1),
                }
            )

        # in the report of updated entities, in the report of struck off ones
        cls.updated = partner("5170359458", "180853177")
        cls.struck_off = partner("9512381607", "142396858")
        cls.quiet = partner("1234563218", "240381039")
        cls.no_regon = partner(valid_nips(1)[0])
        cls.partners = cls.updated | cls.struck_off | cls.quiet | cls.no_regon

    def _run(self, registers=None):
        with (
            replay_registers(self.env, registers or Registers()) as replayed,
            patch.object(
                self.env.registry["ir.cron"], "_commit_progress", lambda *a, **k: 1.0
            ),
        ):
            self.env["res.partner"].with_context(
                ir_cron_progress_id=1
            )._cron_crm_register_recheck(NIGHT)
        return replayed

    def _nips(self, partners):
        return sorted(p.vat[2:] for p in partners)

    def test_only_the_partners_the_reports_list_are_searched(self):
        registers = self._run()
        yesterday = str(NIGHT - timedelta(days=1))
        self.assertEqual(
            [day for day, _report in registers.gus_reports_asked],
            [yesterday, yesterday],
            "the two reports of the day since the last check, once for all",
        )
        self.assertEqual(
            sorted(registers.gus_nips_asked),
            self._nips(self.updated | self.struck_off | self.no_regon),
        )
        # the white list is asked of everyone, as every night
        self.assertEqual(registers.count("whitelist"), 1)
        self.assertEqual(set(self.partners.mapped("crm_register_night")), {NIGHT})

    def test_every_day_since_the_last_check(self):
        self.partners.crm_register_night = NIGHT - timedelta(days=3)
        registers = self._run()
        self.assertEqual(
            sorted({day for day, _report in registers.gus_reports_asked}),
            [str(NIGHT - timedelta(days=n)) for n in (3, 2, 1)],
        )
        self.assertEqual(len(registers.gus_reports_asked), 6, "each day once")
        self.assertNotIn(self.quiet.vat[2:], registers.gus_nips_asked)

    def test_a_check_older_than_the_reports_searches(self):
        self.partners.crm_register_night = NIGHT - timedelta(days=8)
        registers = self._run()
        self.assertEqual(registers.gus_reports_asked, [])
        self.assertEqual(sorted(registers.gus_nips_asked), self._nips(self.partners))

    def test_a_key_without_the_right_searches_each_entity(self):
        registers = Registers()
        # an empty report: GetValue(KomunikatKod) 5, no right to the report
        registers.gus_change_reports = {}
        registers.gus_code = "gus_getvalue_5.mtom"
        with self.assertLogs(
            "odoo.addons.crm_contacts_registers.models.res_partner", "WARNING"
        ):
            registers = self._run(registers)
        self.assertEqual(len(registers.gus_reports_asked), 1, "refused once a night")
        self.assertEqual(sorted(registers.gus_nips_asked), self._nips(self.partners))
        self.assertEqual(set(self.partners.mapped("crm_register_night")), {NIGHT})

    def test_without_the_setting_no_report_is_asked(self):
        self.company.crm_gus_change_reports = False
        registers = self._run()
        self.assertEqual(registers.gus_reports_asked, [])
        self.assertEqual(sorted(registers.gus_nips_asked), self._nips(self.partners))
