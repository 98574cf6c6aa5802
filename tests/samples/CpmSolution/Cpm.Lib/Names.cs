using Humanizer;

namespace Cpm.Lib;

public static class Names
{
    public static string Title(string text) => text.Humanize(LetterCasing.Title);
}
