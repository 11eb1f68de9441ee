"""Background work: enqueueing after the commit, the worker, periodic jobs and the job functions."""
