"""What every signed-in person uses: signing in and out, and their own password and API tokens."""
