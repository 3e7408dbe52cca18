"""salesflow: process-driven sales management on the team's Excel workbook."""

__version__ = "0.1.0"
