"""Reports: dashboard figures, monthly and quarterly circulars, public statistics, XLSX."""
