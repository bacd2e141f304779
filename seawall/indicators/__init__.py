"""SDG 16.2.2, the annual trafficking report and chart data from a table of cases (no Django)."""
