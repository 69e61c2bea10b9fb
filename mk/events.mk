# Events (issue 5): the trigger lexicon, its generated table, and scoring.
#
#   make gen-events   regenerate csrc/gen/events_lexicon.h from data/events/
#   make eval-events  score event extraction on $(SHARED)/data/events/dev.json

EVAL_STEPS += eval-events
EVENTS_DEV ?= $(SHARED)/data/events/dev.json
EVENTS_CODEBOOK ?= $(SHARED)/data/lexicons/cameo-codes.csv

.PHONY: gen-events eval-events

# The codebook check runs when the shared folder is there.
gen-events:
	python3 tools/gen_events.py $(if $(wildcard $(EVENTS_CODEBOOK)),--codebook $(EVENTS_CODEBOOK)) \
	    data/events csrc/gen/events_lexicon.h

eval-events: all
	@if [ ! -f $(EVENTS_DEV) ]; then echo "eval-events: skipped ($(EVENTS_DEV) not found)"; exit 0; fi; \
	mkdir -p $(BUILD)/eval && \
	KHABAR_BUILD=$(BUILD)/5.4 $(LUA54) bin/khabar batch $(EVENTS_DEV) > $(BUILD)/eval/events_dev_pred.jsonl && \
	python3 $(SHARED)/tools/score_events.py $(EVENTS_DEV) $(BUILD)/eval/events_dev_pred.jsonl
