// Package jupyter runs the course's notebooks through real Jupyter, the way
// a reader's JupyterLab would: it finds the jupyter command and the GoNB
// kernel, installs the kernel into a private Jupyter data folder (so tests
// never touch the reader's own Jupyter setup), and executes notebooks with
// nbconvert.
//
// It checks nothing itself: package nbcheck reads the executed notebook and
// says what went wrong in it.
package jupyter
