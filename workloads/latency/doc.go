// Package latency is a slow web server on this machine and a client that
// fetches many pages from it: the I/O-bound workload of the course.
//
// The Python tutorials show threads and asyncio paying off by downloading
// public websites. Those downloads depend on the network, on the websites
// and on whoever else is using them, so the numbers change from run to run
// and the notebook fails without a connection. This course has to work
// offline and repeatably, so it starts its own server instead: [Start]
// listens on 127.0.0.1 only (never on a public interface) on a port the
// kernel picks, and every answer waits a chosen [Options.Latency] before it
// sends a body of [Options.BodySize] bytes. The wait is real: the server
// holds the request open, exactly like a slow website, and the client has
// nothing to do but wait for it. That is what "I/O-bound" means.
//
// A query string changes one answer: "?ms=250" waits 250 ms instead of
// [Options.Latency], and "?bytes=4096" sends 4096 bytes instead of
// [Options.BodySize]. [Server.Served] counts the answers sent and
// [Server.MaxInFlight] the most requests the server held open at once, so a
// notebook can check that the client really fetched concurrently.
//
// [FetchAll] fetches a list of URLs with a chosen concurrency: 1 is one after
// the other (the tutorials' plain loop), N keeps at most N requests open (a
// thread pool of N), and 0 starts them all at once (asyncio.gather). With a
// latency of 50 ms, 100 sequential fetches take 5 s and 100 concurrent ones
// little more than 50 ms: the waits overlap because nobody computes anything.
// FetchAll opens fresh connections and closes them when done; to keep them
// open from one batch to the next, as a browser would, pass
// [Server.Client] to [FetchAllWith].
//
// A typical cell:
//
//	srv, err := latency.Start(latency.Options{Latency: 50 * time.Millisecond})
//	if err != nil { ... }
//	defer srv.Close()
//	results, err := latency.FetchAll(ctx, srv.URLs(100), 0)
package latency
