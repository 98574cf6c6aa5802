using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Scalyz.SecureBuild.Analyzers.Tracking;

namespace Scalyz.SecureBuild.Analyzers.Tests.Tracking;

/// <summary>
/// The rules compare names without building them (TypeChecks.HasFullName, NameStartsWith); they must say exactly what
/// <c>ToDisplayString() == name</c> and <c>ToDisplayString().StartsWith(prefix)</c> said, for every type and namespace of
/// a real compilation, including the nested, generic, nullable and keyword types that display differently.
/// </summary>
public sealed class TypeChecksTests
{
    private const string Source = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        namespace System.XmlExtra { public class Reader { public int DtdProcessing { get; set; } } }
        namespace System.Xml.Custom { public class Outer { public class Inner { } } public class Generic<T> { public class Nested { } } }
        namespace Other.System.Xml { public class Settings { } }
        public class GlobalType { }
        namespace App
        {
            public class Fields
            {
                public string? NullableString;
                public string Text = "";
                public Exception? MaybeError;
                public Exception Error = new();
                public List<int> Numbers = new();
                public int? MaybeNumber;
                public Guid Id;
                public Guid? MaybeId;
                public System.Xml.Custom.Outer.Inner InnerValue = new();
                public System.Xml.Custom.Generic<int>.Nested NestedValue = new();
                public object Anything = new();
                public IntPtr Pointer;
                public byte[] Bytes = new byte[0];
            }
        }
        """;

    private static readonly string[] Names =
    [
        "System.Guid", "System.Exception", "System.String", "System.Object", "System.Console", "System.IO.TextWriter",
        "System.Diagnostics.Trace", "System.Diagnostics.Debug", "System.Security.Cryptography", "System.Net.NetworkCredential",
        "System.Security.SecureString", "System.IO.UnixFileMode", "System.Xml.Custom.Outer.Inner", "System.Xml.Custom.Outer",
        "System.Xml.Custom", "System.Xml", "System", "App.Fields", "Fields", "GlobalType", ".GlobalType", "System.Xml.Custom.Generic",
        "System.Xml.Custom.Generic.Nested", "Other.System.Xml.Settings", "System.Xml.Settings", "Xml.Custom.Outer",
        "System.Collections.Generic.List", "System.Nullable", "System.XmlExtra.Reader", "ystem.Guid", "System.Guid.",
    ];

    // What HasFullName is for: a namespace-qualified name (keyword, generic and annotated types display otherwise, and are never one).
    private static readonly Regex DottedName = new(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$", RegexOptions.CultureInvariant);

    private static readonly string[] Prefixes = ["System.Xml", "System", "System.X", "Sys", "System.Xml.Custom", "Other", "System.Security.Cryptography", ""];

    [Fact]
    public void HasFullName_EveryTypeAndNamespace_SaysWhatToDisplayStringSays()
    {
        var symbols = Symbols(Compile()).ToList();
        Assert.True(symbols.Count > 1000, $"only {symbols.Count} symbols looked at");
        // IntPtr and UIntPtr show as nint/nuint or by name depending on the runtime, and a type nested in a keyword type
        // as string.Enumerator: HasFullName names none of them.
        foreach (var symbol in symbols.Where(s => s is not ITypeSymbol { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr }))
        {
            var display = symbol.ToDisplayString();
            if (SyntaxFacts.GetKeywordKind(display.Split('.')[0]) != SyntaxKind.None)
            {
                Assert.False(symbol.HasFullName(display), display);
                continue;
            }

            foreach (var name in DottedName.IsMatch(display) ? Names.Append(display) : Names)
            {
                Assert.True(symbol.HasFullName(name) == (display == name), $"HasFullName({display}, {name}) = {symbol.HasFullName(name)}");
            }
        }
    }

    [Fact]
    public void HasFullName_AnnotatedOrKeywordType_IsNotTheDottedName()
    {
        var fields = Compile().GetTypeByMetadataName("App.Fields")!;
        ITypeSymbol Type(string field) => ((IFieldSymbol)fields.GetMembers(field).Single()).Type;

        Assert.True(Type("Error").HasFullName("System.Exception"));
        Assert.False(Type("MaybeError").HasFullName("System.Exception"));
        Assert.False(Type("Text").HasFullName("System.String"));
        Assert.True(Type("Id").HasFullName("System.Guid"));
        Assert.False(Type("MaybeId").HasFullName("System.Guid"));
        Assert.True(Type("InnerValue").HasFullName("System.Xml.Custom.Outer.Inner"));
        Assert.False(Type("NestedValue").HasFullName("System.Xml.Custom.Generic.Nested"));
    }

    [Fact]
    public void NameStartsWith_EveryNamespace_SaysWhatToDisplayStringSays()
    {
        var namespaces = Symbols(Compile()).OfType<INamespaceSymbol>().ToList();
        Assert.Contains(namespaces, n => n.ToDisplayString() == "System.XmlExtra");
        foreach (var ns in namespaces)
        {
            var display = ns.ToDisplayString();
            foreach (var prefix in Prefixes.Where(p => p.Length > 0))
            {
                Assert.True(ns.NameStartsWith(prefix) == display.StartsWith(prefix, StringComparison.Ordinal), $"NameStartsWith({display}, {prefix})");
            }
        }
    }

    private static CSharpCompilation Compile()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Console.dll" or "System.Private.Xml.dll"
                or "System.Security.Cryptography.dll" or "System.Net.Primitives.dll" or "System.Collections.dll" or "System.Diagnostics.TraceSource.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "TypeChecks", [CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest))], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    // Every namespace and type (nested ones too), the types the source's fields are declared with (annotated, constructed,
    // nullable, arrays), and each named type's annotated form.
    private static IEnumerable<ISymbol> Symbols(CSharpCompilation compilation)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>([compilation.GlobalNamespace]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            if (current is INamedTypeSymbol named)
            {
                yield return named.WithNullableAnnotation(NullableAnnotation.Annotated);
            }

            foreach (var member in current.GetMembers().OfType<INamespaceOrTypeSymbol>())
            {
                stack.Push(member);
            }
        }

        foreach (var field in compilation.GetTypeByMetadataName("App.Fields")!.GetMembers().OfType<IFieldSymbol>())
        {
            yield return field.Type;
        }
    }
}
