package claims

import (
	"fmt"
	"strings"
)

// The claims notebook 02-threads measures.
func init() {
	const nb = "02-threads"
	register(
		Claim{
			ID: "002-gil-is-for", Facts: true,
			Seed:     Seed002,
			Quote:    "precautions have to be taken or two threads will write to the same memory at the same time. This is what the global interpreter lock is for.",
			Notebook: nb,
			Experiment: "CPython threads add 1 to one global, as counter += 1 and as v = counter; abs(0); counter = v + 1, under the GIL; " +
				"Go's racy counter with GOMAXPROCS=1 (one goroutine running at a time)",
			Judge: judgeGILIsFor,
		},
		Claim{
			ID: "001-unexpected-behavior", Facts: true,
			Seed:       Seed001,
			Quote:      "This can lead to scenarios where two threads attempt to manage the usage of a single variable leading to unexpected behavior!",
			Notebook:   nb,
			Experiment: "goroutines add 1 to one shared count with no synchronisation, trials per goroutine count; the race detector on a small racy program; CPython threads on one global",
			Judge:      judgeUnexpected,
		},
		Claim{
			ID: "004-own-gil-no-race", Facts: true,
			Seed:       Seed004,
			Quote:      "Each process has it's owned **GIL** so there's no resource conflict or **race condition** here",
			Notebook:   nb,
			Experiment: "CPython processes add 1 to one multiprocessing.Value, without and with its lock; Go processes add 1 to an int64 in a shared memory map, plainly and atomically",
			Judge:      judgeOwnGILNoRace,
		},
		Claim{
			ID: "003-race-deadlock", Facts: true,
			Seed:       Seed003,
			Quote:      "Debugging can be challenging due to potential race conditions and deadlocks.",
			Notebook:   nb,
			Experiment: "two threads (goroutines) each hold one lock while taking the other, in the same and in opposite orders, found by a timeout; the racy counter's losses",
			Judge:      judgeRaceDeadlock,
		},
		Claim{
			ID: "002-not-killable", Facts: true,
			Seed:       Seed002,
			Quote:      "The module isn’t killable",
			Notebook:   nb,
			Experiment: "which kill-like methods threading.Thread has; a CPython thread and a goroutine that never check their stop signal, looked at after it is given",
			Judge:      judgeNotKillable,
		},
		Claim{
			ID:       "004-not-interruptible",
			Seed:     Seed004,
			Quote:    "Threads are not interruptible/killable",
			Notebook: nb,
			Experiment: "stop delay of a CPython thread checking a threading.Event, and of a goroutine checking its context, every k iterations; " +
				"a thread and a goroutine that never check",
			Judge: judgeNotInterruptible,
		},
		Claim{
			ID: "004-queue-or-sync", Facts: true,
			Seed:       Seed004,
			Quote:      "If not following a command queue/message model (using the Queue module), then manual use of synchronization becomes a necessity",
			Notebook:   nb,
			Experiment: "goroutines on one count with no synchronisation, with a mutex, with an atomic add, and with one owner goroutine fed over a channel",
			Judge:      judgeQueueOrSync,
		},
	)
}

const n02NoPython = "not measured (no python3)"

// n02Count formats a whole number with thousands separators: 1234567 → "1,234,567".
func n02Count(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// judgeGILIsFor reads "cpython.gil" (1 when the interpreter ran with the
// GIL), "cpython.plain.lost" and "cpython.split.lost" (the most updates a
// trial lost with counter += 1 and with v = counter; abs(0); counter = v +
// 1), "cpython.expected" (the count a trial should reach), and
// "go.gomaxprocs1.lost.pct" (the most a trial of Go's racy counter lost at
// GOMAXPROCS=1, in percent). The tutorial says the GIL is what keeps two
// threads from writing the same memory at once: a lost update under the
// GIL refutes it.
func judgeGILIsFor(f Figures) Verdict {
	if !f.Has("go.gomaxprocs1.lost.pct") {
		return unmeasured("Go's racy counter at GOMAXPROCS=1")
	}
	goText := "GOMAXPROCS=1: lost up to " + pct(f["go.gomaxprocs1.lost.pct"]/100)
	if !f.Has("cpython.gil", "cpython.plain.lost", "cpython.split.lost", "cpython.expected") {
		return Verdict{CPython: n02NoPython, Go: goText,
			Text: "Without python3 the tutorial's claim about CPython's lock cannot be judged here; in Go, " +
				"one goroutine running at a time still " + n02LostOrNot(f["go.gomaxprocs1.lost.pct"]) + "."}
	}
	exp := f["cpython.expected"]
	v := Verdict{
		CPython: fmt.Sprintf("lost up to %s (counter += 1) and %s (load; call; store) of %s", n02Count(f["cpython.plain.lost"]), n02Count(f["cpython.split.lost"]), n02Count(exp)),
		Go:      goText,
	}
	switch {
	case f["cpython.gil"] == 0:
		v.Outcome, v.Condition = DependsOn, "a CPython with the GIL"
		v.Text = "This CPython ran without the GIL (a free-threaded build), so its losses cannot show what the GIL guarantees; run it on a default build."
	case f["cpython.split.lost"] > 0 || f["cpython.plain.lost"] > 0:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 002 says the GIL is what keeps two threads from writing the same memory at the same time; here CPython, GIL held, "+
			"lost %s of %s updates in one trial of the load-call-store loop (%s with counter += 1): a thread switch between a load and a store is enough. "+
			"The GIL protects the interpreter's own state, not your read-modify-write; Go at GOMAXPROCS=1 %s for the same reason.",
			n02Count(max(f["cpython.split.lost"], f["cpython.plain.lost"])), n02Count(exp), n02Count(f["cpython.plain.lost"]), n02LostOrNot(f["go.gomaxprocs1.lost.pct"]))
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 002 says the GIL keeps threads from writing the same memory at once; here neither CPython loop lost an update (of %s), "+
			"as it says, in this run. A run that loses nothing does not make the code safe: Go at GOMAXPROCS=1 %s.", n02Count(exp), n02LostOrNot(f["go.gomaxprocs1.lost.pct"]))
	}
	return v
}

func n02LostOrNot(p float64) string {
	if p > 0 {
		return "lost up to " + pct(p/100) + " of its updates"
	}
	return "lost no update this time"
}

// judgeUnexpected reads "go.trials" and "go.trials.losing" (trials of the
// racy counter with several goroutines, and how many lost updates),
// "go.worst.pct" (the most a trial lost, in percent), "go.detector.races"
// (races the detector reported in the small racy program) and, when python3
// ran, "cpython.split.lost" and "cpython.expected".
func judgeUnexpected(f Figures) Verdict {
	if !f.Has("go.trials", "go.trials.losing", "go.worst.pct") || f["go.trials"] < 1 {
		return unmeasured("the racy counter with several goroutines")
	}
	v := Verdict{Go: fmt.Sprintf("%s of %s trials lost updates, worst %s", sig(f["go.trials.losing"]), sig(f["go.trials"]), pct(f["go.worst.pct"]/100))}
	if f.Has("go.detector.races") {
		v.Go += fmt.Sprintf("; detector: %s race(s)", sig(f["go.detector.races"]))
	}
	pyLost := 0.0
	if f.Has("cpython.split.lost", "cpython.expected") {
		pyLost = f["cpython.split.lost"]
		v.CPython = fmt.Sprintf("threads lost up to %s of %s", n02Count(pyLost), n02Count(f["cpython.expected"]))
	} else {
		v.CPython = n02NoPython
	}
	switch {
	case f["go.trials.losing"] > 0 || pyLost > 0:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 001 warns that threads sharing a variable can behave unexpectedly; here %s of %s Go trials came out short, by up to %s",
			sig(f["go.trials.losing"]), sig(f["go.trials"]), pct(f["go.worst.pct"]/100))
		if v.CPython != n02NoPython {
			v.Text += fmt.Sprintf(", and CPython threads lost up to %s updates", n02Count(pyLost))
		}
		v.Text += ", with no error anywhere."
	case f["go.detector.races"] > 0:
		v.Outcome, v.Condition = DependsOn, "how the threads happen to interleave"
		v.Text = "Tutorial 001 warns that threads sharing a variable can behave unexpectedly; here no trial lost an update this time, yet the race detector found the race: the damage depends on timing, the bug does not."
	default:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 001 warns that threads sharing a variable can behave unexpectedly; here none of %s trials lost an update and the detector reported nothing, so this run showed no such behaviour.", sig(f["go.trials"]))
	}
	return v
}

// judgeOwnGILNoRace reads "cpython.procs.unsafe.lost" and
// "cpython.procs.safe.lost" (the most updates a trial lost with v.value +=
// 1 and under v.get_lock()), "cpython.procs.expected", and the Go side's
// "go.procs.unsafe.lost", "go.procs.safe.lost" and "go.procs.expected"
// (processes on a shared memory map, plain and atomic adds), which may be
// missing.
func judgeOwnGILNoRace(f Figures) Verdict {
	goText := "not measured"
	if f.Has("go.procs.unsafe.lost", "go.procs.safe.lost", "go.procs.expected") {
		goText = fmt.Sprintf("plain adds lost up to %s of %s, atomic adds %s", n02Count(f["go.procs.unsafe.lost"]), n02Count(f["go.procs.expected"]), n02Count(f["go.procs.safe.lost"]))
	}
	if !f.Has("cpython.procs.unsafe.lost", "cpython.procs.safe.lost", "cpython.procs.expected") {
		if goText == "not measured" {
			return unmeasured("processes sharing one count")
		}
		return Verdict{CPython: n02NoPython, Go: goText, Text: "Without python3 the tutorial's claim about CPython processes cannot be judged here."}
	}
	v := Verdict{
		CPython: fmt.Sprintf("unlocked lost up to %s of %s, locked %s", n02Count(f["cpython.procs.unsafe.lost"]), n02Count(f["cpython.procs.expected"]), n02Count(f["cpython.procs.safe.lost"])),
		Go:      goText,
	}
	switch {
	case f["cpython.procs.safe.lost"] > 0:
		v.Outcome = Unmeasured
		v.Text = "Even the processes that held the Value's lock lost updates, which should never happen: the measurement is broken, not judged."
	case f["cpython.procs.unsafe.lost"] > 0:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 004 says each process's own GIL leaves no race condition; here processes, each with its own GIL, lost up to %s of %s updates to one shared multiprocessing.Value, "+
			"and none under its lock. Separate GILs do not protect memory the processes share.", n02Count(f["cpython.procs.unsafe.lost"]), n02Count(f["cpython.procs.expected"]))
	default:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 004 says processes have no race condition; here processes sharing one multiprocessing.Value lost nothing of %s updates even without its lock, in this run; "+
			"the unlocked code is still a race (v.value += 1 is a read then a write).", n02Count(f["cpython.procs.expected"]))
	}
	return v
}

// judgeRaceDeadlock reads "go.deadlock" and "go.same.finished" (1 when
// the opposite-order run deadlocked and the same-order run finished), the
// same under "cpython." when python3 ran, and "go.trials.losing" (racy
// counter trials that lost updates) when measured.
func judgeRaceDeadlock(f Figures) Verdict {
	if !f.Has("go.deadlock", "go.same.finished") {
		return unmeasured("the two-lock experiment")
	}
	desc := func(p string) string {
		s := "opposite orders: "
		if f[p+".deadlock"] == 1 {
			s += "deadlock (timeout)"
		} else {
			s += "finished"
		}
		if f[p+".same.finished"] == 1 {
			return s + "; same order: finished"
		}
		return s + "; same order: did not finish"
	}
	v := Verdict{Go: desc("go"), CPython: n02NoPython}
	py := f.Has("cpython.deadlock", "cpython.same.finished")
	if py {
		v.CPython = desc("cpython")
	}
	race := ""
	if f.Has("go.trials.losing") && f["go.trials.losing"] > 0 {
		race = fmt.Sprintf(" The racy counter lost updates in %s trials.", sig(f["go.trials.losing"]))
	}
	dead := f["go.deadlock"] == 1
	pyDead := py && f["cpython.deadlock"] == 1
	switch {
	case f["go.same.finished"] != 1 || (py && f["cpython.same.finished"] != 1):
		v.Outcome = Unmeasured
		v.Text = "The same-order run did not finish either: something other than the lock order held it up, so nothing is judged."
	case dead && (!py || pyDead):
		v.Outcome = Agrees
		v.Text = "Tutorial 003 lists deadlocks among threads' hazards; here two goroutines" + map[bool]string{true: " and two CPython threads", false: ""}[py] +
			" taking two locks in opposite orders deadlocked (found only by a timeout), and the same locks in one order never did." + race
	case dead != pyDead && py:
		v.Outcome, v.Condition = DependsOn, "timing (whether each takes its first lock before the other takes its second)"
		v.Text = "Tutorial 003 lists deadlocks among threads' hazards; here only one of Go and CPython deadlocked with the locks in opposite orders: whether it happens depends on timing." + race
	default:
		v.Outcome = Disagrees
		v.Text = "Tutorial 003 lists deadlocks among threads' hazards; here the locks taken in opposite orders still finished, so this run showed no deadlock." + race
	}
	return v
}

// judgeNotKillable reads "cpython.kill.methods" (how many of kill,
// terminate, stop, cancel, interrupt, abort threading.Thread has),
// "cpython.ignored.running" (1 when a thread that never checks its Event
// was still running after it was set) and "go.ignored.running" (the same
// for a goroutine and its context), and "cpython.ignored.ms" (the wait).
func judgeNotKillable(f Figures) Verdict {
	if !f.Has("go.ignored.running") && !f.Has("cpython.kill.methods", "cpython.ignored.running") {
		return unmeasured("a thread that ignores its stop signal")
	}
	v := Verdict{CPython: n02NoPython, Go: "not measured"}
	if f.Has("go.ignored.running") {
		v.Go = "goroutine ignoring cancel: " + n02Running(f["go.ignored.running"])
	}
	if !f.Has("cpython.kill.methods", "cpython.ignored.running") {
		v.Text = "Without python3 the tutorial's claim about the threading module cannot be judged here; Go has no way to kill a goroutine either."
		return v
	}
	v.CPython = fmt.Sprintf("kill-like methods on threading.Thread: %s; thread ignoring its Event: %s", sig(f["cpython.kill.methods"]), n02Running(f["cpython.ignored.running"]))
	switch {
	case f["cpython.kill.methods"] > 0:
		v.Outcome = Disagrees
		v.Text = fmt.Sprintf("Tutorial 002 says threads cannot be killed; this CPython's threading.Thread has %s kill-like method(s).", sig(f["cpython.kill.methods"]))
	case f["cpython.ignored.running"] != 1:
		v.Outcome = Unmeasured
		v.Text = "The thread that ignores its Event had finished its work before it was looked at again: give it more work."
	default:
		v.Outcome = Agrees
		v.Text = "Tutorial 002 says the threading module's threads cannot be killed; here threading.Thread has no kill, terminate or stop method, and a thread that never checks its Event ran on after it was set"
		if f["go.ignored.running"] == 1 {
			v.Text += "; a goroutine that never checks its context ran on after cancel() too"
		}
		v.Text += "."
	}
	return v
}

func n02Running(x float64) string {
	if x == 1 {
		return "still running"
	}
	return "had finished"
}

// judgeNotInterruptible reads "cpython.kill.methods",
// "cpython.ignored.running", "cpython.stop.small.ms" and
// "cpython.stop.large.ms" (median delay from stop.set() to the return of a
// thread checking an Event every k iterations, for the smallest and largest
// k), and the same "go.*" for a goroutine and its context ("go.ignored.running",
// "go.stop.small.ms", "go.stop.large.ms").
func judgeNotInterruptible(f Figures) Verdict {
	goOK := f.Has("go.ignored.running", "go.stop.small.ms", "go.stop.large.ms")
	pyOK := f.Has("cpython.kill.methods", "cpython.ignored.running", "cpython.stop.small.ms", "cpython.stop.large.ms")
	if !goOK && !pyOK {
		return unmeasured("stopping a thread that checks, and one that does not")
	}
	v := Verdict{CPython: n02NoPython, Go: "not measured"}
	if goOK {
		v.Go = fmt.Sprintf("cancel stopped it in %s to %s; ignoring: %s", ms(f["go.stop.small.ms"]), ms(f["go.stop.large.ms"]), n02Running(f["go.ignored.running"]))
	}
	if !pyOK {
		v.Text = "Without python3 the tutorial's claim about CPython threads cannot be judged here; a goroutine, too, stops only when its code checks."
		return v
	}
	v.CPython = fmt.Sprintf("Event stopped it in %s to %s; ignoring: %s", ms(f["cpython.stop.small.ms"]), ms(f["cpython.stop.large.ms"]), n02Running(f["cpython.ignored.running"]))
	switch {
	case f["cpython.kill.methods"] > 0:
		v.Outcome = Disagrees
		v.Text = "Tutorial 004 says threads cannot be interrupted or killed; this CPython's threading.Thread has a kill-like method."
	case f["cpython.ignored.running"] != 1:
		v.Outcome = Unmeasured
		v.Text = "The thread that ignores its Event had finished before it was looked at again: give it more work."
	default:
		v.Outcome, v.Condition = DependsOn, "the thread's own code checking a stop signal"
		later := "the rarer its checks, the later"
		if f["cpython.stop.large.ms"] <= f["cpython.stop.small.ms"] {
			later = "here rarer checks did not make it later: something else set the delay"
		}
		v.Text = fmt.Sprintf("Tutorial 004 says threads are not interruptible; here no thread could be killed, but a CPython thread checking a threading.Event stopped %s to %s after it was set "+
			"(%s), while one that never checks ran on. Threads are interruptible exactly as far as their code asks.",
			ms(f["cpython.stop.small.ms"]), ms(f["cpython.stop.large.ms"]), later)
	}
	return v
}

// judgeQueueOrSync reads "go.unsafe.losing" (trials of the unsynchronised
// counter that lost updates) and "go.mutex.lost", "go.atomic.lost",
// "go.channel.lost" (updates each fix lost: 0 when it is right). The
// channel fix is the message model: one owner goroutine, no lock.
func judgeQueueOrSync(f Figures) Verdict {
	if !f.Has("go.unsafe.losing", "go.mutex.lost", "go.atomic.lost", "go.channel.lost") {
		return unmeasured("the counter with no synchronisation and with each fix")
	}
	v := Verdict{Go: fmt.Sprintf("unsynchronised: %s losing trials; lost by mutex %s, atomic %s, channel %s",
		sig(f["go.unsafe.losing"]), n02Count(f["go.mutex.lost"]), n02Count(f["go.atomic.lost"]), n02Count(f["go.channel.lost"]))}
	switch {
	case f["go.mutex.lost"] != 0 || f["go.atomic.lost"] != 0:
		v.Outcome = Unmeasured
		v.Text = "A mutex or atomic counter lost updates, which should never happen: the measurement is broken, not judged."
	case f["go.channel.lost"] != 0:
		v.Outcome = Disagrees
		v.Text = "Tutorial 004 offers a message model as the alternative to manual synchronisation; here the owner goroutine fed over a channel lost updates, so the message model alone was not enough."
	case f["go.unsafe.losing"] > 0:
		v.Outcome = Agrees
		v.Text = fmt.Sprintf("Tutorial 004 says that without a queue/message model, manual synchronisation is a necessity; here the counter with neither lost updates in %s trials, "+
			"while a mutex, an atomic add, and one owner goroutine fed over a channel (the message model, no lock) all counted exactly.", sig(f["go.unsafe.losing"]))
	default:
		v.Outcome, v.Condition = DependsOn, "how the goroutines happen to interleave"
		v.Text = "Tutorial 004 says that without a queue/message model, manual synchronisation is a necessity; here the unsynchronised counter happened to lose nothing this time, and every fix counted exactly: the race is there all the same (the detector finds it)."
	}
	return v
}
