using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MLNet.Regularization.SideBySide.Tests;

/// <summary>
/// Binds every member reference an assembly makes into TorchSharp against the TorchSharp loaded in this process, as the
/// JIT compiler would on the first call, and names the ones that do not bind (each would throw MissingMethodException or
/// MissingFieldException when the method using it runs) with the methods that use them.
/// </summary>
public static class TorchSharpBinding
{
    /// <summary>Type arguments for the generic parameters of the calling type or method that a signature may use: a class
    /// and an unmanaged type, for the constraints TorchSharp's generic types have.</summary>
    private static readonly Type[][] Placeholders = [[.. Enumerable.Repeat(typeof(object), 8)], [.. Enumerable.Repeat(typeof(float), 8)]];

    /// <summary>Binds the reference as the JIT compiler would: null when it binds, else the error.</summary>
    private static Exception? Bind(Module module, int token)
    {
        Exception? last = null;
        foreach (var arguments in (Type[]?[])[null, .. Placeholders])
        {
            try
            {
                module.ResolveMember(token, arguments, arguments);
                return null;
            }
            catch (MissingMemberException e)
            {
                return e;
            }
            catch (Exception e) when (e is ArgumentException or TypeLoadException)
            {
                last = e; // a generic parameter without a (suitable) placeholder: try the next
            }
        }
        return last;
    }

    /// <summary>A reference that does not bind, and the methods (Type.Method) whose bodies use it.</summary>
    public sealed record Unbound(string Member, string Error, IReadOnlyList<string> UsedBy);

    /// <summary>How many references into TorchSharp <paramref name="assembly"/> makes, those that do not bind, and the types
    /// of <paramref name="assembly"/> that do not load (a TorchSharp base type or overridden method that changed).</summary>
    public static (int References, IReadOnlyList<Unbound> Unbound, IReadOnlyList<string> TypesNotLoading) Check(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var module = assembly.ManifestModule;
        int references = 0;
        var unbound = new List<(int Token, string Member, string Error)>();
        foreach (var handle in metadata.MemberReferences)
        {
            var reference = metadata.GetMemberReference(handle);
            if (!IsInTorchSharp(metadata, reference.Parent)) continue;
            references++;
            int token = MetadataTokens.GetToken(handle);
            var error = Bind(module, token);
            if (error is MissingMemberException)
                unbound.Add((token, $"{TypeName(metadata, reference.Parent)}.{metadata.GetString(reference.Name)}", error.GetType().Name));
            else if (error is not null)
                throw new InvalidOperationException($"Could not bind {metadata.GetString(reference.Name)} with any placeholder type arguments.", error);
        }
        Type[] types;
        string[] typesNotLoading = [];
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
            typesNotLoading = e.LoaderExceptions.Select(l => l?.Message ?? "").ToArray();
        }
        var users = MethodsUsing(types, unbound.Select(u => u.Token).ToHashSet());
        return (references, unbound.Select(u => new Unbound(u.Member, u.Error, users.GetValueOrDefault(u.Token, []))).ToArray(), typesNotLoading);
    }

    private static bool IsInTorchSharp(MetadataReader metadata, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
                return type.ResolutionScope.Kind switch
                {
                    HandleKind.AssemblyReference => metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == "TorchSharp",
                    HandleKind.TypeReference => IsInTorchSharp(metadata, (TypeReferenceHandle)type.ResolutionScope), // a nested type
                    _ => false,
                };
            case HandleKind.TypeSpecification:
                // A generic instantiation: the blob names the generic type after GENERICINST and CLASS/VALUETYPE.
                var blob = metadata.GetBlobReader(metadata.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return false;
                blob.ReadSignatureTypeCode();
                var generic = blob.ReadTypeHandle();
                return generic.Kind == HandleKind.TypeReference && IsInTorchSharp(metadata, generic);
            default:
                return false;
        }
    }

    private static string TypeName(MetadataReader metadata, EntityHandle parent)
    {
        if (parent.Kind != HandleKind.TypeReference) return parent.Kind.ToString();
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        var outer = type.ResolutionScope.Kind == HandleKind.TypeReference ? TypeName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "." : "";
        var ns = metadata.GetString(type.Namespace);
        return outer + (ns.Length > 0 ? ns + "." : "") + metadata.GetString(type.Name);
    }

    /// <summary>For each token, the methods whose IL holds it (as the 4-byte operand of an instruction).</summary>
    private static Dictionary<int, List<string>> MethodsUsing(Type[] types, HashSet<int> tokens)
    {
        var found = new Dictionary<int, List<string>>();
        if (tokens.Count == 0) return found;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types)
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                byte[]? il;
                try { il = method.GetMethodBody()?.GetILAsByteArray(); }
                catch (Exception) { continue; }
                if (il is null) continue;
                for (int i = 0; i + 4 <= il.Length; i++)
                {
                    int candidate = BitConverter.ToInt32(il, i);
                    if (tokens.Contains(candidate))
                    {
                        var list = found.TryGetValue(candidate, out var l) ? l : found[candidate] = [];
                        var name = $"{type.FullName}.{method.Name}";
                        if (!list.Contains(name)) list.Add(name);
                    }
                }
            }
        }
        return found;
    }
}
