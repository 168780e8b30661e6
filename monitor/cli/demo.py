"""`flask demo load`: a living system for newcomers and demonstrations."""
from datetime import date

import click
from flask.cli import AppGroup

from monitor.services import demo
from monitor.services import checklists as service
from monitor.services.definitions import current_definition

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--hearings", default=300, show_default=True, help="How many synthetic checklists to add.")
@click.option("--seed", default=2009, show_default=True, help="Same seed, same data.")
def load(hearings: int, seed: int):
    """Create demo courts, accounts and synthetic checklists, most approved, some returned or rejected."""
    courts = demo.ensure_courts()
    users = demo.ensure_accounts()
    monitors = [u for u in users if u.role == "monitor"]
    manager = next(u for u in users if u.role == "manager")
    definition = current_definition()
    today = date.today()
    documents = demo.demo_documents(definition, hearings, seed, today)
    with click.progressbar(documents, length=hearings, label="Creating checklists") as bar:
        for rng, document in bar:
            # Draw everything before skipping, so the same seed always gives the same data.
            checklist_uuid, monitor, court = demo.new_uuid(rng), rng.choice(monitors), rng.choice(courts)
            outcome = demo.draw_review_outcome(rng)
            if service.find_checklist(checklist_uuid) is None:
                checklist = service.receive_checklist(
                    monitor, definition, court, checklist_uuid, "submitted", document, today=today
                ).checklist
                demo.apply_review_outcome(checklist, manager, outcome)
    click.echo("")
    click.echo("Demo accounts (username / password / role):")
    for account in demo.DEMO_ACCOUNTS:
        click.echo(f"  {account.username:<10} {account.password:<16} {account.role.value}")
