Attribute VB_Name = "salesflow"
' salesflow buttons for desktop Excel with the classic xlwings add-in.
'
' Import this module into the team workbook (Alt+F11, File > Import File),
' save the workbook as .xlsm, and assign the macros to buttons (Developer >
' Insert > Button). The xlwings add-in must be installed
' ("xlwings addin install") and its Interpreter setting must point at the
' Python environment where salesflow is installed.

Sub SalesflowRefresh()
    RunPython "from addin.excel.desktop import main; main('refresh')"
End Sub

Sub SalesflowCheck()
    RunPython "from addin.excel.desktop import main; main('check')"
End Sub

Sub SalesflowMonthlyReport()
    RunPython "from addin.excel.desktop import main; main('report')"
End Sub
