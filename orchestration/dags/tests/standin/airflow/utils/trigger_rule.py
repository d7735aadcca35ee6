class TriggerRule:
    ALL_SUCCESS = "all_success"
    ALL_DONE = "all_done"
