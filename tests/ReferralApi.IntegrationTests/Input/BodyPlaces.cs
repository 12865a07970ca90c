using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>A place in a JSON tree: a member of an object or an element of an array, which can be changed in place.</summary>
public sealed class BodyPlace(JsonNode parent, string? name, int index, string path)
{
    public string Path => path;

    public void Replace(JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[name!] = value;
        }
        else
        {
            parent.AsArray()[index] = value;
        }
    }

    public void Drop()
    {
        if (parent is JsonObject obj)
        {
            obj.Remove(name!);
        }
        else
        {
            parent.AsArray().RemoveAt(index);
        }
    }

    public void AddUnknownSibling(string newName, JsonNode? value)
    {
        if (parent is JsonObject obj && !obj.ContainsKey(newName))
        {
            obj[newName] = value;
        }
        else
        {
            Replace(new JsonObject { [newName] = value });
        }
    }
}

/// <summary>Lists every place of a body, so a mutation can hit any depth.</summary>
public static class BodyPlaces
{
    public static List<BodyPlace> All(JsonObject root)
    {
        var places = new List<BodyPlace>();
        Walk(root, "$", places);
        return places;
    }

    private static void Walk(JsonNode node, string path, List<BodyPlace> places)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                var childPath = path + "." + name;
                places.Add(new BodyPlace(obj, name, -1, childPath));
                if (child is not null)
                {
                    Walk(child, childPath, places);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                places.Add(new BodyPlace(array, null, i, $"{path}[{i}]"));
                if (array[i] is { } child)
                {
                    Walk(child, $"{path}[{i}]", places);
                }
            }
        }
    }
}
