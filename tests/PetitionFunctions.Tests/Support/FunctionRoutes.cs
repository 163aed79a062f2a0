using System.Text.RegularExpressions;

namespace PetitionFunctions.Tests.Support;

public static class FunctionRoutes
{
    /// <summary>A function's route with its parameters filled in: a demo campaign's slug, a well-formed key, "x" for the rest.</summary>
    public static string SamplePath(string route) => Regex.Replace(route, @"\{(\w+)[^}]*\}", match => match.Groups[1].Value switch
    {
        "slug" => "governor-end-s-comm",
        "key" => new string('a', 64),
        _ => "x",
    });
}
