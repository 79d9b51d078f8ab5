using System.Runtime.Versioning;

// Every test here drives Linux interfaces or the Linux daemon; the Windows pipeline job does not run this project.
[assembly: SupportedOSPlatform("linux")]
