// Members named beyond ASCII, read as a TypeScript app would.
import { createInstance } from "./lang";

const form = createInstance("formulaire");
const state: string = form.état;
const year: number = form.année();
const lastYear: number | undefined = form.année.data;
const summary: unknown = form.résumé();
form.größe = 4;
form.数量 = form.𝑥 + 1;
const unaccented = form.etat; // error: the member is état
form.état = 3; // error: état is a string
void [state, year, lastYear, summary, unaccented];
