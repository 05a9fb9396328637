// Package ipc measures what it costs to hand data to another worker and get
// it back: over a channel to a goroutine, which shares this process's memory,
// and through a pipe to a worker process, which does not.
//
// Threads in one process share memory, so handing a thread a megabyte costs
// what handing it a pointer costs. Processes share nothing: the data must be
// encoded (Python pickles it; package [concurrencylab/kernel-helpers/worker]
// uses JSON), written into a pipe, read by the other process, decoded, and
// the answer travels back the same way. That is the price of
// multiprocessing, and it grows with the size of the data.
//
// [Measure] sends payloads of several sizes on a round trip three ways:
//
//   - [Channel]: to a goroutine over a channel, which echoes the slice back:
//     only the slice header (a pointer and two lengths) moves;
//   - [ChannelCopy]: the same, but the goroutine copies the bytes into a
//     new slice, as a program that must not share them would: the cost of
//     the copy alone;
//   - [Pipe]: to a worker process, through the "echo" task of package worker:
//     encoding, two trips through the kernel and decoding, both ways.
//
// [Plot] draws the time per round trip against the payload size, and
// [Verdict] compares them at the smallest and largest sizes. [CPython] times
// the same round trips in python3: to a thread through queue.Queue, to a
// process through multiprocessing.Pipe; [Figures] turns both into the
// figures of claim 002-ipc-overhead.
//
// [Messages] is tutorial 000's message passing: the same count serially and
// on a pool of processes in few or many messages, in Go on pools of depth 1
// (like CPython's ProcessPoolExecutor) and of the default depth, and in
// CPython on a ProcessPoolExecutor; its figures judge claim
// 000-message-passing.
package ipc
