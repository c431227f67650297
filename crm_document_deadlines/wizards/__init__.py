from . import crm_document_scan
