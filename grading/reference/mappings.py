"""Successor criteria between the frameworks of successive programmes.

Each entry names a criterion by its framework (code, version) and its position in the tree.
2007 areas hold one implicit criterion; its areas for improvement on neighbourhood staffing,
abstraction and supervision are taken up by the 2008 criterion on staffing. Areas without a
successor in the 2008 programme (Performance Management, protecting vulnerable people) have
no entry.
"""

CRITERION_MAPPINGS = [
    {
        "source": ("np", "2007", (1,)),
        "target": ("np", "2008", (1, 1)),
        "note": "2007 Neighbourhood Policing, judged as a whole, to 2008 1.1 (staffing).",
    },
]
