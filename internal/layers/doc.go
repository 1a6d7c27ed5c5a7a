// Package layers holds the test that says which of modc's packages may
// import which (issue 13): the engine under compiler/ never reaches into
// site/ or cmd/, the test kits under internal/ serve tests only, and every
// other edge is listed, so that a new one is a decision made in review.
package layers
