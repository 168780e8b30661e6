"""Protection of the server as a whole: response headers, sign-in throttling, password rules."""
