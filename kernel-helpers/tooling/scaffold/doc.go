// Package scaffold adds a notebook to the course: the notebook itself, with
// the setup cell, a parameter cell, a first measurement and its metadata
// (summary and plot count); its lesson folder kernel-helpers/lessons/NN-name
// with a first experiment package, its doc and its test; and its line in the
// README's course map. The result passes the notebook tests as created
// (`REQUIRE_NOTEBOOKS=1 go test ./notebooks/`), so an author starts from
// green and changes one thing at a time.
//
// `make notebook NAME=07-pipelines TITLE="Pipelines" SUMMARY="…"` runs it
// (the command is newnotebook in this folder).
package scaffold
