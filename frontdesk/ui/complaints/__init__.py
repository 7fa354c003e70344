"""The Complaints area: logging, working a complaint through recovery, lists and figures."""
