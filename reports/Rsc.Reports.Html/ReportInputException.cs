namespace Rsc.Reports.Html;

/// <summary>An input folder or file the report cannot use; the message is one line for the user.</summary>
public sealed class ReportInputException(string message) : Exception(message);
