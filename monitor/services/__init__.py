"""Service functions between the web, API and CLI layers and the models: anything more than a
lookup lives here, so a phone form, an API client and a command do the same thing the same way."""
