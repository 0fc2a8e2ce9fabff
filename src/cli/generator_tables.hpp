// Reference tables of the caseload generator: départements weighted by population and the
// energy suppliers with their market shares among signalled households.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace solen::gen {

namespace tables {
struct Dept {
  const char* code;
  std::uint32_t weight;  ///< thousands of inhabitants (INSEE, rounded)
};
// Metropolitan départements and the five overseas départements (971–976, no 975).
inline constexpr Dept departements[] = {
    {"01", 660}, {"02", 530}, {"03", 335}, {"04", 165}, {"05", 141}, {"06", 1095}, {"07", 330},
    {"08", 270}, {"09", 155}, {"10", 310}, {"11", 375}, {"12", 280}, {"13", 2045}, {"14", 695},
    {"15", 143}, {"16", 350}, {"17", 655}, {"18", 300}, {"19", 240}, {"2A", 160}, {"2B", 182},
    {"21", 535}, {"22", 600}, {"23", 116}, {"24", 415}, {"25", 545}, {"26", 520}, {"27", 600},
    {"28", 430}, {"29", 915}, {"30", 750}, {"31", 1420}, {"32", 192}, {"33", 1650}, {"34", 1185},
    {"35", 1095}, {"36", 218}, {"37", 610}, {"38", 1275}, {"39", 260}, {"40", 420}, {"41", 328},
    {"42", 765}, {"43", 227}, {"44", 1450}, {"45", 685}, {"46", 174}, {"47", 330}, {"48", 76},
    {"49", 820}, {"50", 495}, {"51", 565}, {"52", 170}, {"53", 307}, {"54", 735}, {"55", 183},
    {"56", 760}, {"57", 1045}, {"58", 202}, {"59", 2610}, {"60", 830}, {"61", 277}, {"62", 1460},
    {"63", 665}, {"64", 690}, {"65", 229}, {"66", 480}, {"67", 1150}, {"68", 770}, {"69", 1900},
    {"70", 233}, {"71", 550}, {"72", 565}, {"73", 440}, {"74", 840}, {"75", 2130}, {"76", 1255},
    {"77", 1430}, {"78", 1450}, {"79", 375}, {"80", 570}, {"81", 390}, {"82", 262}, {"83", 1095},
    {"84", 565}, {"85", 690}, {"86", 440}, {"87", 370}, {"88", 360}, {"89", 335}, {"90", 140},
    {"91", 1310}, {"92", 1625}, {"93", 1670}, {"94", 1410}, {"95", 1260}, {"971", 380},
    {"972", 350}, {"973", 290}, {"974", 875}, {"976", 300}};
inline constexpr std::uint32_t departement_count = sizeof(departements) / sizeof(departements[0]);

inline constexpr std::string_view suppliers[] = {"EDF",         "ENGIE",     "TotalEnergies",
                                                 "Eni",         "Vattenfall", "OHM Energie",
                                                 "Mint Energie", "ekWateur"};
inline constexpr std::uint32_t electricity_supplier_weights[] = {750, 120, 70, 15, 10, 10, 10, 15};
inline constexpr std::uint32_t gas_supplier_weights[] = {150, 640, 120, 40, 15, 10, 10, 15};
}  // namespace tables

}  // namespace solen::gen
