/* A chart's figures as one HTML table component (components/data_table.py): Dash renders it as
   one component, React updates its cells in place (an html.Table re-sent as children mounted
   every cell as a Dash component, each mount a renderer pass over the whole page).
   Markup: hidden caption, th scope=col headers, th scope=row first cells, gaps as
   <td class="gap"><span class="no-figure">no figure</span></td>, figures in td.num. A sortable
   table (sort set) has a button per header; a click sorts by that column, again reverses it,
   and the server sends the rows in that order (callbacks/charts.py). */
(function () {
  "use strict";
  var h = window.React.createElement;

  function DataTable(props) {
    // A header click sets `sort` at once; the server sends the rows in that order a moment
    // later: the table says aria-busy until they are in.
    var busyState = window.React.useState(false);
    var busy = busyState[0];
    var setBusy = busyState[1];
    window.React.useEffect(function () { setBusy(false); }, [props.rows]);
    var columns = props.columns || [];
    var rows = props.rows || [];
    var numeric = props.numeric || [];
    var sort = props.sort;
    var gap = props.gap_text || "";

    function head(column, i) {
      if (!sort) { return h("th", {key: i, scope: "col"}, column); }
      var active = sort.column === i;
      var order = sort.ascending ? "ascending" : "descending";
      var arrow = active ? (sort.ascending ? "\u25B2" : "\u25BC") : "\u2195";
      var click = function () {
        if (props.setProps) {
          setBusy(true);
          props.setProps({sort: {column: i, ascending: active ? !sort.ascending : true}});
        }
      };
      return h("th", {key: i, scope: "col", "aria-sort": active ? order : undefined},
        h("button", {
          type: "button",
          id: props.id ? props.id + "-sort-" + i : undefined,
          className: "btn btn-link btn-sm sort-button p-0 text-start",
          title: (props.sort_label || "{column}").replace("{column}", column),
          onClick: click
        }, column, h("span", {className: "sort-arrow", "aria-hidden": "true"}, arrow)));
    }

    function cell(value, i) {
      if (i === 0) { return h("th", {key: i, scope: "row"}, value === null ? gap : value); }
      if (value === null || value === undefined) {
        return h("td", {key: i, className: "gap"}, h("span", {className: "no-figure"}, gap));
      }
      return h("td", {key: i, className: numeric[i] ? "num" : undefined}, value);
    }

    return h("table", {id: props.id, className: props.className, "aria-busy": busy ? "true" : undefined},
      h("caption", {className: "visually-hidden"}, props.caption),
      h("thead", null, h("tr", null, columns.map(head))),
      h("tbody", null, rows.map(function (row, r) {
        return h("tr", {key: r}, row.map(cell));
      })));
  }

  window.pakcar_components = Object.assign({}, window.pakcar_components, {DataTable: DataTable});
})();
