// Sortable tables, after the GOV.UK / MOJ "sortable table" pattern.
//
// In a <table data-module="app-sortable-table">, each header cell with an aria-sort attribute gets a button;
// pressing it re-orders the body rows by that column (ascending first, then descending), updates aria-sort and
// announces the new order. Cells sort by their data-sort-value (else their text): numbers as numbers, text in
// en-GB order, empty values always last. Without JavaScript the table is a plain table in its served order.
(() => {
  "use strict";

  const ARROWS = { ascending: "▲", descending: "▼", none: "↕" };
  const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

  const valueOf = (row, index) => {
    const cell = row.cells[index];
    if (!cell) {
      return "";
    }
    const raw = cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent;
    return raw.trim();
  };

  const compare = (a, b, descending) => {
    if (a === "" || b === "") {
      return (a === "") - (b === ""); // empty values last, whatever the direction
    }
    const x = Number(a);
    const y = Number(b);
    const order = Number.isNaN(x) || Number.isNaN(y) ? collator.compare(a, b) : x - y;
    return descending ? -order : order;
  };

  const setArrow = (button, direction) => {
    button.querySelector("[data-sort-arrow]").textContent = ` ${ARROWS[direction] || ARROWS.none}`;
  };

  const enhance = (table) => {
    const headers = Array.from(table.querySelectorAll("thead th[aria-sort]"));
    const body = table.tBodies[0];
    if (!body || headers.length === 0) {
      return;
    }
    const status = document.createElement("div");
    status.className = "govuk-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    table.insertAdjacentElement("afterend", status);

    const buttons = headers.map((header) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "app-button-link";
      button.textContent = header.textContent.trim();
      const arrow = document.createElement("span");
      arrow.setAttribute("aria-hidden", "true");
      arrow.setAttribute("data-sort-arrow", "");
      button.appendChild(arrow);
      header.textContent = "";
      header.appendChild(button);
      setArrow(button, header.getAttribute("aria-sort"));
      return button;
    });

    headers.forEach((header, position) => {
      buttons[position].addEventListener("click", () => {
        const index = header.cellIndex;
        const descending = header.getAttribute("aria-sort") === "ascending";
        const rows = Array.from(body.rows);
        rows.sort((r1, r2) => compare(valueOf(r1, index), valueOf(r2, index), descending));
        rows.forEach((row) => body.appendChild(row));
        headers.forEach((other, i) => {
          const direction = other === header ? (descending ? "descending" : "ascending") : "none";
          other.setAttribute("aria-sort", direction);
          setArrow(buttons[i], direction);
        });
        const name = buttons[position].firstChild.textContent;
        status.textContent = `Sorted by ${name}, ${descending ? "descending" : "ascending"}.`;
      });
    });
  };

  document.querySelectorAll('table[data-module="app-sortable-table"]').forEach(enhance);
})();
