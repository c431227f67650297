from . import crm_team_week
