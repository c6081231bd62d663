"""Built-in bindings of implementations that do not expose the binding names themselves."""
