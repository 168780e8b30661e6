"""What a monitor uses in court: the phone pages, the offline app and its first screen, and the
steps and section forms that both share with the manager's correction pages."""
