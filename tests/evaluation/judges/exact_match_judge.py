# A judge for the tests of `evaluate --judge.command`: CORRECT when the prediction is
# exactly the gold answer or an alias, "pass" NOT_ATTEMPTED (as a lowercase letter with
# spaces), anything else INCORRECT (as a letter). Each run appends the question to the
# log file given first; with a flag file given second, the first run of all fails.
import json
import os
import sys

request = json.load(sys.stdin)
with open(sys.argv[1], "a") as log:
    log.write(request["question"] + "\n")
if len(sys.argv) > 2 and not os.path.exists(sys.argv[2]):
    open(sys.argv[2], "w").close()
    sys.exit("endpoint busy")
accepted = [request["gold"]] + request.get("aliases", [])
if request["predicted"] == "pass":
    print(" c ")
else:
    print("CORRECT" if request["predicted"] in accepted else "B")
