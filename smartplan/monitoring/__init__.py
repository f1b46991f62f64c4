"""Monitoring and evaluation: the yearly files of realised values (models), achievement against targets, status."""
