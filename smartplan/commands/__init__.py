"""The commands of the command line, grouped by what they do; cli.py puts them on the app, in the order of --help."""
