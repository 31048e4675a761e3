"""The ``article-convert`` command's entry point; ``python -m convert`` runs it too."""

import gc


def main() -> None:
    """Run the command, keeping the garbage collector off what lives as long as the process.

    Loading the command and its libraries makes a few hundred thousand
    objects that are never freed before the process ends.  The collector is
    paused while they are made and then told to leave them alone
    (``gc.freeze``), and once more when the run ends, so that the
    interpreter's collections at exit do not walk them all again.  Objects
    made by the work itself are collected as usual.
    """
    gc.disable()
    try:
        from .cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    try:
        run()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
