-- calls_daily_queue over the history already stored (a database that had calls before this
-- aggregate existed): the refresh policy covers only its window. Alone in its
-- file: a refresh cannot run inside a transaction.
CALL refresh_continuous_aggregate('calls_daily_queue', NULL, NULL);
