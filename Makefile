# The two commands of the CRM suite (see README.md); both need Odoo 19.0 installed.
PYTHON ?= python3

.PHONY: run test lint wheels

run:  ## demo database with all addons, web client on http://127.0.0.1:8069
	$(PYTHON) tools/suite.py run

test:  ## every test on a throw-away database (CRM_ADDONS=crm_x to narrow)
	$(PYTHON) tools/suite.py test $(TESTS)

wheels:  ## every addon as a wheel, installed from a fresh virtualenv, smoke-tested
	$(PYTHON) tools/suite.py wheels

lint:  ## the offline pre-commit hooks on every file (ruff, pylint-odoo, OCA checks)
	ruff check --no-fix . && ruff format --check .
	pylint --rcfile=.pylintrc crm_*
	oca-checks-odoo-module crm_*/__manifest__.py
	# po-pretty-format: the files are as Odoo's exporter writes them, not as OCA's formatter
	oca-checks-po --disable po-pretty-format crm_*/i18n/*.po crm_*/i18n/*.pot
