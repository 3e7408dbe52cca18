"""salesflow's worksheet functions, for xlwings Server, xlwings Lite and desktop."""
