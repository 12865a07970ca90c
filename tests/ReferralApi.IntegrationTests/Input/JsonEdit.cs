using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>Bends a request body by dotted path (<c>subject.safeContact.notes</c>); every parent must exist.</summary>
public static class JsonEdit
{
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var (parent, name) = Locate(root, path);
        parent[name] = value;
        return root;
    }

    /// <summary>Sets a value given as JSON text, so cases can be written as attribute data.</summary>
    public static JsonObject SetJson(this JsonObject root, string path, string json) => root.Set(path, JsonNode.Parse(json));

    public static JsonObject Drop(this JsonObject root, string path)
    {
        var (parent, name) = Locate(root, path);
        Assert.True(parent.Remove(name), $"The body has no {path} to remove.");
        return root;
    }

    private static (JsonObject Parent, string Name) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            current = current[part] as JsonObject ?? throw new InvalidOperationException($"The body has no object at {part} of {path}.");
        }

        return (current, parts[^1]);
    }
}
