using System.Text;

namespace Rsc.Reports;

/// <summary>Plain-text table with left-aligned columns separated by two spaces; the last column is not padded.</summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = headers;
    }

    public int RowCount => _rows.Count;

    /// <summary>Numbers read better right-aligned.</summary>
    public TextTable AlignRight(params int[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var c in columns)
        {
            _rightAligned.Add(c);
        }
        return this;
    }

    public TextTable Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length > _headers.Length)
        {
            throw new ArgumentException($"row has {cells.Length} cells, table has {_headers.Length} columns", nameof(cells));
        }
        var row = new string[_headers.Length];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = i < cells.Length ? cells[i] ?? "" : "";
        }
        _rows.Add(row);
        return this;
    }

    /// <summary>Lines of the table, header first, each ending in a newline.</summary>
    public string Render(string indent = "")
    {
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(_headers))
        {
            var line = new StringBuilder(indent);
            for (int i = 0; i < row.Length; i++)
            {
                bool last = i == row.Length - 1;
                var cell = row[i];
                if (_rightAligned.Contains(i))
                {
                    line.Append(cell.PadLeft(widths[i]));
                }
                else
                {
                    line.Append(last ? cell : cell.PadRight(widths[i]));
                }
                if (!last)
                {
                    line.Append("  ");
                }
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
