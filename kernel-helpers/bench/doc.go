// Package bench times work the way the course reports it: a warm-up run,
// then R timed repetitions, kept as samples so that plots can show their
// spread (min, median, max), together with a header describing the machine
// they were taken on.
package bench
