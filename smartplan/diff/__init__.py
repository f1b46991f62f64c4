"""`smartplan diff`: a plan at two git revisions, compared.

revisions reads each revision's plan files out of git (nothing in the working tree or index is touched);
changes compares the two checked plans (items, budget totals, baselines and targets, monitoring);
report writes the result as text, Markdown or JSON, in words from `words` and names from `labels`;
comparing holds what api.diff hands the command.
"""
