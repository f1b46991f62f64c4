from smartplan.cli import app

app(prog_name="smartplan")
