"""``python -m flyteadmin``: a standalone admin (see ``flyteadmin.main.main``)."""

from flyteadmin.main import main

if __name__ == "__main__":
    main()
