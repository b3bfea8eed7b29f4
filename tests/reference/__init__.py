"""Reference systems that tests compare against, each in an isolated virtual environment."""
