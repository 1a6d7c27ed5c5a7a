export default {
  /**
   * L'état du formulaire.
   * @type {string}
   */
  état: "prêt",
  // Le nombre d'articles.
  数量: 2,
  größe: 3,
  𝑥: 1,
  /**
   * L'année en cours.
   * @returns {number}
   */
  année: () => new Date().getFullYear(),
  // Résumé de l'état, de la taille et de l'année.
  résumé() {
    return `${this.état} ${this.größe * this.数量 + this.𝑥} ${this.année()}`;
  },
};
